#!/usr/bin/env node
// The notifier CDK app: every stack of the stage given by `-c stage=<dev|prod>` (default dev),
// checked by cdk-nag AwsSolutions.
import { App } from 'aws-cdk-lib';
import { FEATURE_FLAGS } from '../lib/feature-flags';
import { applyAwsSolutionsChecks } from '../lib/nag';
import { createNotifierStacks } from '../lib/notifier-app';

const app = new App({ context: FEATURE_FLAGS });
createNotifierStacks(app);
applyAwsSolutionsChecks(app);
