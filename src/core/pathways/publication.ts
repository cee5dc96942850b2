/** What the pathways analysis declares for publishing: its section, headline and method notes. */
import type { Headline, HeadlineItem, Section } from '../results.js';

export const PATHWAY_SECTIONS: Section[] = [
  {
    id: 'pathways',
    heading: 'Pathways from subjects to occupations',
    intro:
      'Where people with a qualification in each sector subject area went to work. A clear pathway is a subject area where a large share of its people entered one occupation group.',
  },
];

export const PATHWAY_METHOD_NOTES = [
  "Pathways count each person once, by their highest qualification's sector subject area and the occupation group they entered.",
  'The highest qualification is the one marked highest, else the highest level, then the latest achieved, then the first listed; the main occupation is the one started most recently, then the first listed.',
  'People in subject and occupation pairs the related-occupation mapping does not cover are counted as not related.',
];

/** The clear pathways of the all-people view, largest share first. */
export function pathwayHeadlines(clear: HeadlineItem[]): Headline[] {
  return [
    {
      id: 'clear-pathways',
      label: 'Clear pathways',
      items: clear,
      order: 'figure-desc',
      sentence: { text: '{count} {count|subject area shows|subject areas show} a clear pathway into one occupation group, for example {items}.' },
    },
  ];
}
