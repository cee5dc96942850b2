/** Progression (seed 004): employment spells, the basket of measures and career routes. */
export * from './dates.js';
export * from './pay.js';
export * from './skill.js';
export * from './spells.js';
export * from './validate.js';
export * from './settings.js';
export * from './anchor.js';
export * from './window.js';
export * from './person.js';
export * from './person-values.js';
export * from './catalogue.js';
export * from './aggregate.js';
export * from './basket.js';
export * from './counts.js';
export * from './from-histories.js';
export * from './routes.js';
export * from './moves.js';
