import type { Locator, Page } from 'playwright-core';

// A guided-selling visit as a person goes through it: its questions, then the recommendations.

/** Waits for a question's screen by its prompt. */
export const question = (page: Page | Locator, prompt: string) =>
  page.getByRole('heading', { level: 2, name: prompt, exact: true }).waitFor();

/** Ticks words of a several-choice or vocabulary question, then Continue. */
export async function tick(page: Page | Locator, prompt: string, words: string[]) {
  await question(page, prompt);
  for (const w of words) await page.getByRole('checkbox', { name: w, exact: true }).click();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

/** Answers a one-choice question with one tap. */
export async function choose(page: Page | Locator, prompt: string, label: string) {
  await question(page, prompt);
  await page.getByRole('group', { name: prompt }).getByRole('button', { name: label }).click();
}

export async function skip(page: Page | Locator, prompt: string) {
  await question(page, prompt);
  await page.getByRole('button', { name: 'Skip', exact: true }).click();
}

/** The recommendations as shown: each card of the main list, best first. */
const mainList = (page: Page | Locator) => page.getByRole('list', { name: 'Recommendations, best fit first' });
export const cards = (page: Page | Locator) => mainList(page).locator(':scope > li');
export const card = (page: Page | Locator, title: string) =>
  cards(page).filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) });
