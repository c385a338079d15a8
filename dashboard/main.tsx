// Entry of the dashboard bundle: mounts the app (dashboard/app.tsx) and brings uPlot's stylesheet
// into the built CSS file (the CSP allows no inline style).

import 'uplot/dist/uPlot.min.css';
import { render } from 'preact';
import { App } from './app';

render(<App />, document.getElementById('app')!);
