/** How long the casting board's lists and texts may grow: they keep every item far below DynamoDB's 400 KB. */
export const LIMITS = {
  skills: 30,
  links: 10,
  portfolioItems: 50,
  castingSkills: 20,
  questions: 10,
  answers: 10,
  attachedItems: 10,
  /** How far ahead a casting may expire, counted from its creation (decision 31: list buckets). */
  castingLifetimeDays: 180,
} as const;
