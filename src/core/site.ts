/** The sites Turnkeeper reads. Every layer names them; the adapters for them live in src/sites/. */
export type Site = 'gmail' | 'linkedin';
