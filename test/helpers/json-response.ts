/** A response read as text and, when it parses, as JSON: what every test request helper returns. */
export interface JsonResult {
  status: number;
  headers: Headers;
  json: any;
  text: string;
}

export async function readJson(response: Response): Promise<JsonResult> {
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}
