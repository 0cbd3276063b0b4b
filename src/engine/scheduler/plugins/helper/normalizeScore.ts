import { MaxNodeScore, type NodeScoreList } from '../../framework/interface';

/**
 * defaultNormalizeScore is helper.DefaultNormalizeScore: scale scores so the highest becomes
 * maxPriority (integer division, as in Go); reverse flips them. All zero stays zero, or becomes
 * maxPriority everywhere when reversed.
 */
export function defaultNormalizeScore(scores: NodeScoreList, reverse: boolean, maxPriority = MaxNodeScore): void {
  let maxCount = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i] > maxCount) maxCount = scores[i];
  if (maxCount === 0) {
    if (reverse) scores.fill(maxPriority);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let s = Math.trunc((maxPriority * scores[i]) / maxCount);
    if (reverse) s = maxPriority - s;
    scores[i] = s;
  }
}
