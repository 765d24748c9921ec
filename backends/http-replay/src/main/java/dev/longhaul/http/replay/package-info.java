/**
 * Test support: a loopback HTTP/1.1 server that answers with recorded (or scripted) responses byte for byte, with
 * faults on demand, and records what it was asked. Used by the backends' tests only, never at run time.
 *
 * <p>Start a {@link dev.longhaul.http.replay.ReplayServer}, {@link dev.longhaul.http.replay.ReplayServer#enqueue
 * enqueue} one {@link dev.longhaul.http.replay.Reply} per expected request (for example
 * {@code Recording.fromClasspath("/fixtures/llama-server/05-chat-single").reply()}), point the client at
 * {@link dev.longhaul.http.replay.ReplayServer#baseUrl()}, then assert on
 * {@link dev.longhaul.http.replay.ReplayServer#requests()} and
 * {@link dev.longhaul.http.replay.ReplayServer#connectionCount()}.
 */
package dev.longhaul.http.replay;
