/**
 * Internal, may change: Lua scripts, loaded once from {@code .lua} resources and run with {@code EVALSHA},
 * falling back to {@code EVAL} only when the server answers {@code NOSCRIPT}. Start with
 * {@link io.pottery.internal.script.Script}.
 */
package io.pottery.internal.script;
