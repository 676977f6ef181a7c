// Page object for the main page (tldraw-style): actions and reads through the UI and the window.handcast test API.
import type { Page } from 'playwright-core';

export class MainPage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string, query = ''): Promise<void> {
    await this.page.goto(`${baseUrl}/${query}`);
    await this.page.waitForFunction(() => 'handcast' in window);
  }

  async start(): Promise<void> {
    await this.page.getByRole('button', { name: 'Start' }).click();
  }

  framesProcessed(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as { handcast: { framesProcessed(): number } }).handcast.framesProcessed());
  }

  lastHands(): Promise<Array<{ gesture: string; gestureScore: number; landmarks: unknown[] }>> {
    return this.page.evaluate(() =>
      (window as unknown as { handcast: { lastHands(): Array<{ gesture: string; gestureScore: number; landmarks: unknown[] }> } }).handcast.lastHands());
  }

  recognizerStatus(): Promise<string> {
    return this.page.evaluate(() => (window as unknown as { handcast: { state(): { recognizerStatus: string } } }).handcast.state().recognizerStatus);
  }

  /** Offline readiness (src/store/offline-slice.ts): checking, saving, ready, update-ready or unavailable. */
  offlineReadiness(): Promise<string> {
    return this.page.evaluate(() => (window as unknown as { handcast: { state(): { offline: { readiness: string } } } }).handcast.state().offline.readiness);
  }

  alerts(): Promise<string[]> {
    return this.page.locator('.notice').allInnerTexts();
  }
}
