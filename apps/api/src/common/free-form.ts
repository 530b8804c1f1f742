/**
 * Schemas for objects whose keys the OpenAPI document does not list, on
 * purpose: event data, a policy, a component's raw measurement. A bare
 * `type: object` reads as a property whose type was lost (what `string | null`
 * gives when its type is not named); `additionalProperties` says the keys are
 * open by design (test/openapi.e2e-spec.ts holds every object to one or the other).
 */
export const FREE_FORM_OBJECT = { type: 'object', additionalProperties: true } as const;

/** A count per reason, as an explanation's `excluded` is: `{ "no-capacity": 3 }`. */
export const COUNT_PER_REASON = { type: 'object', additionalProperties: { type: 'integer' } } as const;
