// The baseline of bench/webhooks: a Worker that posts the body it is given to the URL it is given
// and answers the receiver's status, with no queue, claim, signature or bookkeeping: the
// platform's floor for one webhook POST from a Worker.

export default {
  async fetch(request: Request): Promise<Response> {
    // The launcher's readiness probe is a GET.
    if (request.method !== 'POST') return new Response(null, { status: 204 });
    const { url, body } = (await request.json()) as { url: string; body: string };
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await res.arrayBuffer();
    return new Response(String(res.status), { status: res.ok ? 200 : 502 });
  },
};
