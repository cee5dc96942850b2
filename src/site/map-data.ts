/**
 * The data the interactive map reads: a PublishedNetwork (already protected:
 * suppressed nodes and links are left out) plus the layout and colours
 * computed at publish time, so the page only draws.
 *
 * Shared by src/publish (which writes it into each report page as a
 * <script type="application/json"> block) and web/map.entry.ts (which reads
 * it). Types and pure constants only: no Node APIs, no DOM.
 */
import type { PublishedNetwork } from '../core/disclosure/release.js';

/** A published node with its place on the map. */
export type MapNode = PublishedNetwork['nodes'][number] & { x: number; y: number };

/** A published link as the map draws it (the q-value stays in the downloads). */
export type MapLink = Omit<PublishedNetwork['links'][number], 'q'>;

/** A published cluster with its colour (see PALETTE); `people` is null when its count is suppressed. */
export type MapCluster = PublishedNetwork['clusters'][number] & { color: string };

export interface MapData {
  /** Report code, e.g. RS01NE. */
  code: string;
  title: string;
  nodes: MapNode[];
  links: MapLink[];
  clusters: MapCluster[];
  /** Nodes and links left out because their counts are suppressed. */
  omitted: { nodes: number; links: number };
}

/**
 * Okabe & Ito (2008) colour-blind-safe palette, ordered so the first clusters
 * get colours that stay distinct in greyscale print (dark/light alternate);
 * yellow is last because it fades on white paper.
 */
export const PALETTE: readonly string[] = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#D55E00', // vermillion
  '#56B4E9', // sky blue
  '#000000', // black
  '#F0E442', // yellow
];

/** Colour for nodes in no cluster, and in clusters beyond the palette. */
export const OTHER_COLOR = '#8C8C8C';

/** Id of the element holding the map data in a report page. */
export const MAP_DATA_ELEMENT_ID = 'routeways-map-data';
