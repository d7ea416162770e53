/** The queue every caller can be put through to: the 3 1 1 operators, who take any kind of call. */
export const OPERATOR_QUEUE = 'operator';
