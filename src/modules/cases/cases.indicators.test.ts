import { describe, expect, it } from 'vitest'
import { EVENT_INDICATORS, eventIndicators } from './cases.indicators'

/**
 * A month of a community, worked by hand: 40 reports; 36 filed (4 rejected or voided); 2 of those
 * deferred (缓办), so 34 due; 30 closed, 27 of them on time; 32 handled, 4 of them sent back once
 * (返工); 3 filed cases extended (延期); 20 ratings, 17 of them 4 or 5.
 */
const month = {
  received: 40,
  filed: 36,
  due: 34,
  closed: 30,
  onTime: 27,
  handled: 32,
  reworked: 4,
  extended: 3,
  rated: 20,
  satisfied: 17,
}

describe('event indicators', () => {
  it('computes each official rate on a worked example', () => {
    expect(eventIndicators(month)).toEqual({
      filingRate: 0.9, // 36 / 40
      closingRate: 0.8824, // 30 / 34
      onTimeRate: 0.7941, // 27 / 34
      reworkRate: 0.125, // 4 / 32
      extensionRate: 0.0833, // 3 / 36
      satisfactionRate: 0.85, // 17 / 20
    })
  })

  it('leaves a rate with nothing to divide by empty, not zero', () => {
    const quiet = {
      ...month,
      received: 0,
      filed: 0,
      due: 0,
      closed: 0,
      onTime: 0,
      handled: 0,
      reworked: 0,
      extended: 0,
      rated: 0,
      satisfied: 0,
    }
    expect(Object.values(eventIndicators(quiet))).toEqual([null, null, null, null, null, null])
  })

  it('says which rates are better lower', () => {
    expect(EVENT_INDICATORS.filter((i) => 'lowerIsBetter' in i).map((i) => i.zh)).toEqual([
      '返工率',
      '延期率',
    ])
  })
})
