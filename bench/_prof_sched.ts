import { schedulerThroughput } from './scheduler';
const figs = await schedulerThroughput(Number(process.env.S ?? 1));
console.log(JSON.stringify(figs));
