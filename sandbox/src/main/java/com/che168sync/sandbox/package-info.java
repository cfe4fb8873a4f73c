/**
 * A faithful fake of the che168 source feed (SOURCE_API.md) for the demo, tests and benchmarks.
 *
 * <p>Public API: {@link com.che168sync.sandbox.SandboxOptions} (what a run is),
 * {@link com.che168sync.sandbox.Sandbox} (the deterministic data and the ground truth, no HTTP),
 * {@link com.che168sync.sandbox.SandboxServer} (the feed over HTTP under {@code /api/v2/che168}, tooling under
 * {@code /__sandbox}), {@link com.che168sync.sandbox.SandboxFaults}, {@link com.che168sync.sandbox.SandboxCalendar},
 * {@link com.che168sync.sandbox.GroundTruthEntry}, {@link com.che168sync.sandbox.SandboxStats}. Everything else is
 * package-private. See {@code docs/sandbox.md}.
 */
package com.che168sync.sandbox;
