// The size of the generated record for every benchmark: 100,000 messages (2,000 people, 10,000 conversations), or
// TURNKEEPER_BENCH_MESSAGES for a quicker run while developing (people and conversations scale with it).
export function benchSizes() {
  const messages = Number(process.env.TURNKEEPER_BENCH_MESSAGES ?? 100_000);
  if (!Number.isInteger(messages) || messages < 100) throw new Error('TURNKEEPER_BENCH_MESSAGES: a whole number ≥ 100');
  return { people: Math.round(messages / 50), conversations: Math.round(messages / 10), messages };
}
