/**
 * SOC major groups ordered by skill level, for "moving up".
 *
 * ONS's SOC 2020 (and SOC 2010) Volume 1 gives each major group the skill
 * level its jobs normally need, from 1 (compulsory education) to 4 (degree
 * or equivalent experience):
 *
 *   1 Managers, directors and senior officials      4
 *   2 Professional occupations                      4
 *   3 Associate professional occupations            3
 *   4 Administrative and secretarial                2
 *   5 Skilled trades                                3
 *   6 Caring, leisure and other service             2
 *   7 Sales and customer service                    2
 *   8 Process, plant and machine operatives         2
 *   9 Elementary occupations                        1
 *
 * The order is the skill level, not the group number: a move is "up" when
 * the later job's level is higher (9 -> 8, 8 -> 5, 4 -> 3), "down" when
 * lower, and level when equal (moves among groups 4, 6, 7 and 8 are neither:
 * those groups are not ranked against each other). ONS notes that some
 * occupations in group 1 (smaller businesses' managers and proprietors) need
 * skills nearer level 3; the major group's level is used for all of them.
 */

export const SOC_MAJOR_SKILL: Readonly<Record<string, number>> = Object.freeze({
  '1': 4,
  '2': 4,
  '3': 3,
  '4': 2,
  '5': 3,
  '6': 2,
  '7': 2,
  '8': 2,
  '9': 1,
});

/** Skill level 1-4 of a SOC major group code ('1'..'9'), or null when unknown. */
export function skillLevel(socMajor: string | null): number | null {
  return socMajor === null ? null : SOC_MAJOR_SKILL[socMajor] ?? null;
}
