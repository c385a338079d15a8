// Vite's `?raw` imports, used by tests that check shipped configuration.
declare module '*?raw' {
  const text: string;
  export default text;
}
