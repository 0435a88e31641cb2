import http from 'node:http'

/**
 * A keep-alive JSON client on node:http, for the benches that drive the real server: lighter than
 * fetch, since the bench shares the machine's cores with the server it measures.
 */
export function jsonClient(base: string, headers: Record<string, string>, sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets })
  const { hostname, port } = new URL(base)
  const send = (method: string, path: string, payload: object): Promise<{ status: number; body: string }> => {
    const body = JSON.stringify(payload)
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent,
          hostname,
          port,
          path,
          method,
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (chunk) => {
            text += chunk
          })
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
        },
      )
      req.on('error', reject)
      req.end(body)
    })
  }
  return {
    send,
    post: (path: string, payload: object) => send('POST', path, payload),
    close: () => agent.destroy(),
  }
}
