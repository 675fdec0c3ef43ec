// The floor of the import bench's read-and-split pass: a bare read of the same file through file.stream() in a
// dedicated Worker on the extension's origin (copied next to the built extension by import-bench.mjs), nothing done
// with the bytes.
self.addEventListener('message', async (event) => {
  const file = event.data;
  const start = performance.now();
  const reader = file.stream().getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
  }
  self.postMessage({ bytes, ms: performance.now() - start });
});
