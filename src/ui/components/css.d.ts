// Vite bundles CSS imported for its side effect (`import './components.css'`).
declare module '*.css';
