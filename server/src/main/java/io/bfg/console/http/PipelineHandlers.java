package io.bfg.console.http;

import io.bfg.console.model.PipelineRun;
import io.bfg.console.model.Pipelines;
import io.bfg.console.pipeline.PipelineRunner;
import io.bfg.console.service.ReadinessService;
import io.bfg.console.store.PipelineClaims;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;

/** Starting pipeline runs (authenticated, ruled like commands) and reading their transcripts. */
final class PipelineHandlers {

  private static final String JSON = "application/json; charset=utf-8";

  private final PipelineRunner pipelines;

  PipelineHandlers(PipelineRunner pipelines) {
    this.pipelines = pipelines;
  }

  /** 202 with the run id at once; progress follows on the feed and at the transcript's URL. */
  void start(RoutingContext rc) {
    CommandHandlers.optionalObject(rc);
    pipelines.start(Authenticated.identity(rc), rc.pathParam("pipeline"))
        .onSuccess(run -> started(rc, run)).onFailure(rc::fail);
  }

  private static void started(RoutingContext rc, PipelineRun run) {
    String location = "/api/pipelines/" + run.runId();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("runId", run.runId());
    body.put("pipeline", run.pipeline());
    body.put("status", run.status());
    body.put("actor", run.actor());
    body.put("startedAt", run.startedAt());
    body.put("transcript", location);
    body.put("steps", run.steps());
    rc.response().setStatusCode(202).putHeader("content-type", JSON).putHeader("location", location)
        .end(Buffer.buffer(ReadinessService.bytes(body)));
  }

  /**
   * A run by id; a pipeline's name instead of an id gives its latest run, and the name of a pipeline
   * the scenario does not run is 404 UNKNOWN_PIPELINE.
   */
  void transcript(RoutingContext rc) {
    String id = rc.pathParam("runId");
    if (Pipelines.STEPS.containsKey(id) && !pipelines.declared(id)) {
      throw new ApiError(404, "UNKNOWN_PIPELINE", "this scenario does not run the " + id + " pipeline; "
          + "GET /api/pipelines lists the ones it runs");
    }
    PipelineRun run = Pipelines.STEPS.containsKey(id) ? pipelines.latest(id) : pipelines.transcript(id);
    if (run != null) {
      rc.response().putHeader("content-type", JSON).end(Buffer.buffer(ReadinessService.bytes(run)));
      return;
    }
    if (Pipelines.STEPS.containsKey(id)) {
      throw new ApiError(404, "NO_RUN_YET", "no " + id + " run yet; start one with POST /api/pipelines/" + id);
    }
    pipelines.elsewhere(id).onSuccess(shared -> {
      if (shared == null) {
        rc.fail(new ApiError(404, "UNKNOWN_RUN", "no run '" + id + "'; GET /api/pipelines lists the latest ones"));
        return;
      }
      rc.response().putHeader("content-type", JSON).end(elsewhere(shared).toBuffer());
    }).onFailure(rc::fail);
  }

  /**
   * Another console's run: its transcript as far as that console shared it, which console runs it,
   * and, when that console stopped renewing its claim, that the run will not finish.
   */
  private static JsonObject elsewhere(PipelineClaims.SharedRun shared) {
    JsonObject body = new JsonObject(Buffer.buffer(ReadinessService.bytes(shared.run())));
    body.put("instance", shared.instance());
    if (shared.abandoned()) {
      body.put("abandoned", "instance " + shared.instance() + " stopped renewing this run's claim: it will not "
          + "finish, and the pipeline is free");
    }
    return body;
  }

  void overview(RoutingContext rc) {
    pipelines.overview().onSuccess(overview -> rc.response().putHeader("content-type", JSON)
        .end(Buffer.buffer(ReadinessService.bytes(overview)))).onFailure(rc::fail);
  }
}
