/** How big a guitar may grow: these keep the largest item well under DynamoDB's 400 KB (decision 16). */
export const LIMITS = {
  notes: 50,
  noteLength: 1000,
  images: 20,
  detailedSpecs: 30,
  captionLength: 200,
} as const;
