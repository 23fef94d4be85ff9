import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from './engines.js';

/** Amazon's DynamoDB Local for the store tests' second run. */
export default async function setup(project: TestProject) {
  const engine = await startDynamoDbLocal();
  project.provide('dynamoEndpoint', engine.endpoint);
  return () => engine.close();
}
