// The live workshops' length limits, apart from the zod schemas (schemas.ts) so that the participant's page, a phone
// on the venue's Wi-Fi, can show them in its fields without downloading zod.
export const LIMITS = { title: 120, prompt: 300, option: 100, options: 8, post: 280, answer: 500, nickname: 30, word: 40 } as const;
