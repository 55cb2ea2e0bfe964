// Test images come from the package's testing helpers.
export { encodePng, jpegHeader } from '../src/testing';
