import { render } from 'preact';
import { Sidebar } from './Sidebar';

render(<Sidebar />, document.getElementById('app')!);
