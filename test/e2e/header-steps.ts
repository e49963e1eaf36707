// Steps through the console header shared by the browser tests: a page's link may sit in the bar or,
// when the bar has no room for it, in the "More" menu; the language and logout are in the user menu.
import type { Locator, Page } from 'playwright-core';

/** The name of the "More" button in each language. */
export const MORE = /^(Plus|More|Mehr)$/;

/** The "More" button of the header's navigation `nav` (absent when every page fits in the bar). */
export function moreButton(nav: Locator): Locator {
  return nav.getByRole('button', { name: MORE });
}

/** The link named `name` of the header's navigation `nav`, after opening "More" if the bar has no room for it. */
export async function pageLink(nav: Locator, name: string): Promise<Locator> {
  await nav.getByRole('link').first().waitFor();
  const link = nav.getByRole('link', { name });
  if ((await link.count()) === 0 && (await moreButton(nav).count()) > 0) {
    const more = moreButton(nav);
    if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  }
  return link;
}

/** Every page the header's navigation `nav` offers, in the bar and in "More" (closed again afterwards). */
export async function headerPages(nav: Locator): Promise<string[]> {
  await nav.getByRole('link').first().waitFor();
  const more = moreButton(nav);
  const hasMore = (await more.count()) > 0;
  if (hasMore) {
    await more.click();
    // the menu renders after the click: read its links once they are there
    await nav.locator('.nav-more-menu').getByRole('link').first().waitFor();
  }
  const names = (await nav.getByRole('link').allTextContents()).map((n) => n.trim());
  if (hasMore) await more.press('Escape');
  return names;
}

/** Opens the user menu of the header (name, role, language, logout), if it is not open yet. */
export async function openUserMenu(page: Page): Promise<void> {
  const button = page.getByRole('banner').locator('button.user-menu-button');
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
}
