// Page object for the main page (tldraw-style): actions and reads through the UI and the window.handcast test API.
import type { Frame, Page } from 'playwright-core';

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

  alerts(): Promise<string[]> {
    return this.page.locator('.notice').allInnerTexts();
  }

  /** Picks an effect kind in the overlay preview panel and clicks "Test effect". */
  async sendTestEffect(kind: 'emoji-burst' | 'confetti' | 'lower-third'): Promise<void> {
    await this.page.getByLabel('Test effect kind').selectOption(kind);
    await this.page.getByRole('button', { name: 'Test effect' }).click();
  }

  /** The overlay page inside the preview iframe, once its scripts have run. */
  async overlayPreviewFrame(): Promise<Frame> {
    await this.page.getByTitle('Overlay preview').waitFor();
    const frame = await (await this.page.getByTitle('Overlay preview').elementHandle())!.contentFrame();
    if (!frame) throw new Error('The overlay preview iframe has no document.');
    await frame.waitForFunction(() => 'handcastOverlay' in window);
    return frame;
  }
}
