"""Scale-out: many crawler processes on many machines sharing one job through Redis.

Built on scrapy-redis (its scheduler, priority queue and dupefilter), with what a
faithful archive needs on top:

- keys: per-job keys (queue, dupefilter, in-flight sets, ...) and the site's current job;
- serializer: requests as JSON, never pickle, so whoever writes to Redis cannot run code
  in the workers;
- queue, dupefilter, scheduler: scrapy-redis subclassed where it does not fit (see each);
- worker: heartbeats, putting back the in-flight requests of dead workers, the end of a
  job, and acknowledging requests once their response has been archived and processed;
- capture: a request that a dead worker archived is not archived again;
- articles: one article line per URL and text for the whole cluster;
- limiter: the per-domain delay and concurrency hold for the whole cluster;
- seed: push a job's start requests (`archivist seed`);
- settings: the Scrapy settings that turn a crawl into a cluster worker.
"""
