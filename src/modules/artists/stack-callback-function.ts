/**
 * The source of the artist stack's callback function, inlined into the CloudFormation template
 * (`Code.ZipFile`; CloudFormation saves it as `index.js`, a CommonJS module, on a Node.js runtime).
 *
 * On Create and Update it posts the stack's outputs to Amply (`request_type` says which; Delete
 * offboards), signed with the callback token; it retries network failures, 429 and 5xx with
 * exponential backoff (1 s, doubling, at most 16 s) and stops on any other answer. Whatever happens it
 * answers CloudFormation SUCCESS before its own timeout (it keeps a quarter of its remaining time, at
 * most 10 s, for that), with `CallbackStatus` and the reason in the data, so a stack never hangs and
 * never fails because Amply was unreachable. It never logs its event: the event holds the token.
 * Its physical id stays the same across updates, so an update never makes CloudFormation delete it.
 */
export const STACK_CALLBACK_FUNCTION_SOURCE = `'use strict';
const crypto = require('crypto');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function describe(error) {
  return (error && error.cause && error.cause.code) || (error && error.name) || 'network error';
}

async function errorCode(response) {
  try {
    const body = await response.json();
    return (body && body.error && body.error.code) || '';
  } catch (error) {
    return '';
  }
}

async function tellAmply(event, props, deadline) {
  const body = JSON.stringify({
    artistId: props.ArtistName,
    provider: 'aws',
    stack_id: event.StackId,
    outputs: props.Outputs || {},
    callback_token: props.ApiKey,
    callback_timestamp: new Date().toISOString(),
    request_type: event.RequestType,
  });
  let pause = 1000;
  let last = 'not sent';
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return { status: 'failed', reason: last };
    try {
      const t = String(Math.floor(Date.now() / 1000));
      const v1 = crypto.createHmac('sha256', props.ApiKey).update(t + '.' + body).digest('hex');
      const response = await fetch(props.CallbackUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-amply-signature': 't=' + t + ',v1=' + v1 },
        body: body,
        signal: AbortSignal.timeout(Math.min(10000, left)),
      });
      if (response.ok) return { status: 'delivered', reason: '' };
      last = 'HTTP ' + response.status + ' ' + (await errorCode(response));
      if (response.status === 409) return { status: 'already-delivered', reason: last };
      if (response.status !== 429 && response.status < 500) return { status: 'refused', reason: last };
    } catch (error) {
      last = describe(error);
    }
    const wait = Math.min(pause, deadline - Date.now());
    if (wait <= 0) return { status: 'failed', reason: last };
    await sleep(wait);
    pause = Math.min(pause * 2, 16000);
  }
}

async function answerCloudFormation(event, physicalId, result, deadline) {
  const told = result.status === 'delivered' || result.status === 'already-delivered';
  const body = Buffer.from(JSON.stringify({
    Status: 'SUCCESS',
    Reason: told
      ? 'Amply was told'
      : 'Amply was not told (' + result.status + ': ' + result.reason + '); the stack is fine, and Amply can finish the setup with verify-stack',
    PhysicalResourceId: physicalId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: { CallbackStatus: result.status },
  }));
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const left = Math.max(1000, deadline - Date.now());
      const response = await fetch(event.ResponseURL, { method: 'PUT', body: body, signal: AbortSignal.timeout(left) });
      if (response.ok) return;
    } catch (error) {
      console.log('answering CloudFormation failed: ' + describe(error));
    }
    await sleep(500 * 2 ** attempt);
  }
}

exports.handler = async (event, context) => {
  const props = event.ResourceProperties || {};
  const physicalId = event.PhysicalResourceId || 'amply-callback-' + String(props.ArtistName || 'artist');
  const remaining = context.getRemainingTimeInMillis();
  const end = Date.now() + remaining;
  const deadline = end - Math.min(10000, Math.floor(remaining / 4));
  let result;
  try {
    result = await tellAmply(event, props, deadline);
  } catch (error) {
    result = { status: 'failed', reason: describe(error) };
  }
  console.log('Amply callback (' + event.RequestType + '): ' + result.status + (result.reason ? ', ' + result.reason : ''));
  await answerCloudFormation(event, physicalId, result, end);
};
`;
