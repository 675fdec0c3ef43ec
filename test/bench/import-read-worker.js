// The floor of the import bench's read-and-split pass: a bare read of the same file through file.stream() in a
// dedicated Worker on the extension's origin (copied next to the built extension by import-bench.mjs), nothing done
// with the bytes. Read as the import reads it (src/history/skipping-stream.ts): into one reused buffer through a BYOB
// reader where the stream offers one, else with the default reader.
self.addEventListener('message', async (event) => {
  const file = event.data;
  const start = performance.now();
  let bytes = 0;
  let byob = null;
  try {
    byob = file.stream().getReader({ mode: 'byob' });
  } catch {
    byob = null;
  }
  if (byob) {
    let buffer = new ArrayBuffer(1 << 20);
    for (;;) {
      const { done, value } = await byob.read(new Uint8Array(buffer));
      if (done) break;
      bytes += value.byteLength;
      buffer = value.buffer;
    }
  } else {
    const reader = file.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
    }
  }
  self.postMessage({ bytes, ms: performance.now() - start });
});
