// The content script's long-lived channel to the background (runtime.connect): one port per page instead of a
// runtime.sendMessage per read, which in Chrome opens and closes a channel for every message. Each request carries a
// number the reply repeats. The background checks every message on it exactly as it checks runtime.sendMessage's
// (src/background/page-port.ts): the port's sender is the content script's frame.

export const PAGE_PORT_NAME = 'turnkeeper/page';

export interface PortRequest {
  id: number;
  message: unknown;
}

export interface PortReply {
  id: number;
  reply: unknown;
}
