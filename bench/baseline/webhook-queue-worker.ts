// The floor of the prescribed webhook design (bench/hook-floor.ts): a Worker that takes the body
// and URL it is given, sends them as one queue message and answers 202; its queue consumer POSTs
// each message's body to its URL. No D1, no claim, no signature, no bookkeeping: what the queue
// hop alone costs next to bench/baseline/webhook-worker.ts, which posts inside the request.

type Delivery = { url: string; body: string };
type Env = { DELIVERIES: Queue<Delivery> };

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    // The launcher's readiness probe is a GET.
    if (request.method !== 'POST') return new Response(null, { status: 204 });
    const { url, body } = (await request.json()) as Delivery;
    await env.DELIVERIES.send({ url, body });
    return new Response(null, { status: 202 });
  },

  async queue(batch: MessageBatch<Delivery>): Promise<void> {
    await Promise.all(
      batch.messages.map(async (message) => {
        const res = await fetch(message.body.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: message.body.body,
        });
        await res.arrayBuffer();
        if (res.ok) message.ack();
        else message.retry();
      }),
    );
  },
};
