// The overlay preview panel: frames overlay.html, shows its URL, copies it, and "Test effect" posts a valid effect on the channel.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { OverlayPreview } from '../../src/components/OverlayPreview/OverlayPreview';
import { OVERLAY_CHANNEL } from '../../src/actions/overlay-channel';
import { checkEffectMessage } from '../../src/core/overlay/effect-message';

describe('OverlayPreview', () => {
  it('frames the overlay page and shows its URL, with nothing else in it', () => {
    render(<OverlayPreview />);
    // The frame shows the very URL OBS is given: the overlay beside the main page, wherever the app is hosted.
    expect(screen.getByTitle('Overlay preview').getAttribute('src')).toBe(`${window.location.origin}/overlay.html`);
    expect((screen.getByLabelText('Overlay URL') as HTMLInputElement).value).toBe(`${window.location.origin}/overlay.html`);
  });

  it('copies the URL, and says how to copy it by hand when the clipboard is refused', async () => {
    const writes: string[] = [];
    let allowed = true;
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => { if (!allowed) throw new Error('denied'); writes.push(text); } },
    });
    render(<OverlayPreview />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText(/^Copied\. In OBS: add a Browser source with this URL/)).toBeTruthy();
    expect(writes).toEqual([`${window.location.origin}/overlay.html`]);
    allowed = false;
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText('Copying was not allowed here: select the URL and copy it.')).toBeTruthy();
  });

  it('"Test effect" posts the chosen effect at the centre, a message the overlay accepts', async () => {
    const listener = new BroadcastChannel(OVERLAY_CHANNEL);
    const received: unknown[] = [];
    listener.onmessage = (e: MessageEvent) => received.push(e.data);
    try {
      render(<OverlayPreview />);
      fireEvent.change(screen.getByLabelText('Test effect kind'), { target: { value: 'emoji-burst' } });
      fireEvent.click(screen.getByRole('button', { name: 'Test effect' }));
      await waitFor(() => expect(received).toHaveLength(1));
      expect(received[0]).toMatchObject({ type: 'handcast-effect', effect: 'emoji-burst', x: 0.5, y: 0.5, gesture: 'test' });
      expect(checkEffectMessage(received[0]).ok).toBe(true);
    } finally {
      listener.close();
    }
  });
});
