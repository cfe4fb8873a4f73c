/**
 * The use cases of che168-sync and the ports they use; depends on {@code domain} only. One layout for every
 * feature X ({@code ingest}, {@code normalize}, {@code daily}, {@code status}, {@code tokens}, {@code api}):
 * {@code port.in.X} holds the use case interfaces with their commands and results (what a driving adapter calls),
 * {@code port.out.X} the narrow ports the use cases need and the records those carry (what a driven adapter
 * implements), and {@code X} the services implementing {@code port.in.X} with {@code port.out.X}. The two port
 * packages of one feature may use each other's records; neither uses a service package. Shared machinery:
 * {@code job} (the runner, progress and reporting every job uses), {@code retry} (the source retry policy),
 * {@code port.out.ops} (operations_log and the job lock), {@code port.out.source} (the source feed). Where a new job,
 * port or endpoint goes: docs/architecture.md.
 */
package com.che168sync.application;
