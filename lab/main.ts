import { startLab } from './server';

const lab = await startLab({ port: Number(process.env.PORT ?? 8787), host: process.env.HOST ?? '127.0.0.1' });
console.log(`Wire Notebook: ${lab.url}`);
