/**
 * Internal, may change: {@link io.pottery.NextId}, antirez's quorum id generator with Python pottery's key and
 * value, in one fan-out round per id that concurrent callers of one instance share. {@link
 * io.pottery.internal.nextid.NextIds} is the entry point; the script is {@code nextid-propose.lua}.
 */
package io.pottery.internal.nextid;
