/**
 * What Pottery's two drivers share and nobody else uses: the cluster routing plan and the retry backoff. Not API:
 * it may change in any release.
 */
package io.pottery.internal.driver;
