// The baseline of bench/intercept: a Worker that does nothing but answer a 302, so the bench can
// show what the link intercept costs beyond the platform's own floor.

export default {
  fetch: (): Response =>
    new Response(null, { status: 302, headers: { location: 'https://shop.example.com/spring' } }),
};
