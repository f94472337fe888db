/**
 * A task completion sets only what the task's form declares: the process engine plugin that refuses, with a 403 from
 * the REST API, a completion (or a task-variable update) naming a variable the task's Camunda Form — or its generated
 * form — has no field for, such as {@code sourceEndpointId} or {@code mxTargetHost}.
 */
package io.mailferry.taskforms;
