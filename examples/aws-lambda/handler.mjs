// A LINE Business Connect webhook on AWS Lambda (Node.js 20 or later), behind an API Gateway REST API
// or HTTP API route (POST /callback) or a Lambda Function URL: the handler reads each event shape.
// Deploy: handler `handler.handler`, environment variable LINE_CHANNEL_SECRET; then set the event
// endpoint URL to the route's (or the Function URL's) https:// address.
import { createLambdaHandler } from 'line-business-connect/aws-lambda';

/**
 * The Lambda handler. Lambda freezes the function once it answers, so the callbacks run before LINE
 * gets its 200: keep them short, or send slow work to a queue (SQS) from here.
 */
export function createHandler({ channelSecret = process.env.LINE_CHANNEL_SECRET, log = (line) => console.log(line) } = {}) {
  return createLambdaHandler({
    channelSecret,
    onMessage: (event) => {
      const { message } = event;
      log(message.type === 'text' ? `text from ${message.from}: ${message.text}` : `${message.type} message from ${message.from}`);
    },
    onAddedAsFriend: (event) => log(`followed by ${event.operation.mid}`),
    // LINE's FAQ: delete everything you hold about a user who blocked the account.
    onBlocked: (event) => log(`blocked by ${event.operation.mid}`),
  });
}

// Made once per instance (a missing secret fails the cold start, loudly) and reused by every invocation.
export const handler = createHandler();
