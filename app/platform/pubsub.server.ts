import type { Listen } from "../../db/pubsub";

export { notify } from "../../db/pubsub";
export type { Listen } from "../../db/pubsub";

/**
 * One LISTEN per channel per process, shared by every subscriber in it (300 open live pages are 300 subscribers
 * but one LISTEN on one connection). The first subscriber starts listening, the last one to leave stops it.
 */
export function createChannelHub(listen: Listen) {
  const channels = new Map<string, { subscribers: Set<(payload: string) => void>; ready: Promise<() => Promise<void>> }>();
  return {
    async subscribe(channel: string, onMessage: (payload: string) => void): Promise<() => void> {
      let entry = channels.get(channel);
      if (!entry) {
        const subscribers = new Set<(payload: string) => void>();
        const ready = listen(channel, (payload) => {
          for (const fn of subscribers) fn(payload);
        });
        entry = { subscribers, ready };
        channels.set(channel, entry);
        ready.catch(() => channels.delete(channel));
      }
      entry.subscribers.add(onMessage);
      await entry.ready;
      const current = entry;
      return () => {
        current.subscribers.delete(onMessage);
        if (current.subscribers.size === 0 && channels.get(channel) === current) {
          channels.delete(channel);
          void current.ready.then((unlisten) => unlisten()).catch(() => {});
        }
      };
    },
  };
}
export type ChannelHub = ReturnType<typeof createChannelHub>;
