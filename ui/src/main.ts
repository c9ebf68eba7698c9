import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

const mal = document.getElementById('app');
if (mal) mount(App, { target: mal });
