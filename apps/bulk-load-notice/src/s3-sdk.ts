// The part of the SDK's S3 client this function uses, imported only through `loadS3Sdk()`. Loading this
// module rather than `@aws-sdk/client-s3` itself lets esbuild drop the commands nobody uses: all the
// exports of a dynamically imported module are kept.
export { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
