// A test that runs no assertion proves nothing and passes anyway: every test, unit and end-to-end, must make at least
// one (an awaited `expect.poll` counts).
import { beforeEach, expect } from 'vitest';

beforeEach(() => {
  expect.hasAssertions();
});
