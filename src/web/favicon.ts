/*
 * The site's icon: a green tick on the header's navy, as SVG for browsers that take it, and
 * as /favicon.ico (one 32 × 32 PNG inside an ICO) for those that ask for that name and
 * nothing else. The PNG is FAVICON_SVG rendered by @resvg/resvg-js at 32 px; the core holds
 * it as bytes because Workers cannot render SVG. test/favicon.test.ts renders the SVG again
 * and fails, printing the new bytes, if the two ever differ.
 */

export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1c2a3a"/>' +
  '<path d="M8.5 16.5l5 5 10-11" fill="none" stroke="#3ddc84" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/></svg>';

/** FAVICON_SVG at 32 × 32, as PNG (base64). */
export const FAVICON_PNG_32 =
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAACOUlEQVR4nN2XzU8TQRjG32HdaupXjZoqwQRNvEjU3jDgwcR/AI/e8OAZvOpBPHh2uZvozSvxriHRmHKy9SMeTCwJ+NFIoHw10ALD87QpbJad7QLbLuGXTPLMpun7m3d3NjtKXHRn7qTWKpUhxAGMDEaU5DDGjiQSo5O58RJyjS2BSz19g5i+0FqnpIUopUoi+tHU90+vBdQEWFxreYXYNpSSB5RQbPt6tVrQLV65F3bCsu3Lquta34iIPMWIg2cU+IyQwYiDHAU0QmwcXoGjV05Jsjct5YmirP5awBV/WiJw8m6XnBu6gVRn+uG4VItlpJ1ELsCVX3jeKx3HbczqlN78lDkMPyIV8CtO/gx/NN6GyATsdFI6nf4dxWdGv8jiu2kkfyIRYNGLWHkCHXAz+/KHzL8tIJkJFGBLmz3JpuJL73/LfyePFIxRgMU7ndtIdUytZPFj188ibRO2ODEKnLl/VVIYbrwS57HVTmDLuVn5Nit/H2eRwmEU8HagQUPCr3ilsIDiE7KxXMUsHEYB4n2hNChni5K8lUbaZi/FSaAAMUm42Vheq+1109suiKYCJEiCxf89yRp3STNCCRA/if0WJ6EFiFei8UDuh10JEO4Ovpy41/dyz73sWiBqDoBAT39OtL6J3H6UyrMDIxLnZ3n9YFKZxMnoNC60DZyM5i070a2Q4zmaWda9qa8fxmoChBIi4kCkpZ3gyqXDGmRxTGVLgPB24Hg+jF8NSNQPplJ5/CeP5477eL4JDz367vYh+iIAAAAASUVORK5CYII=';

const bytesOf = (base64: string): Uint8Array => Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));

/** /favicon.ico: an ICO directory of one 32 × 32, 32-bit image, stored as PNG (read by every browser since 2007). */
export function faviconIco(): Uint8Array {
  const png = bytesOf(FAVICON_PNG_32);
  const ico = new Uint8Array(6 + 16 + png.length);
  const view = new DataView(ico.buffer);
  view.setUint16(2, 1, true); // type: icon
  view.setUint16(4, 1, true); // one image
  ico[6] = 32; // width
  ico[7] = 32; // height
  view.setUint16(10, 1, true); // colour planes
  view.setUint16(12, 32, true); // bits per pixel
  view.setUint32(14, png.length, true);
  view.setUint32(18, 22, true); // where the image starts
  ico.set(png, 22);
  return ico;
}
