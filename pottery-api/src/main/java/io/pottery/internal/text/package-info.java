/** How Pottery's messages quote bytes, shared by the API, codecs and structures. Not API. */
package io.pottery.internal.text;
