"""Heuristics of the body engine, as immutable data.

One module per concern, each group with a comment on why it exists and, for tuned numbers,
how they were tuned (against `../shared/devdata` with `../shared/eval/score.py`):

- `tokens`     class/id tokens and tag weights that score content containers
- `prune`      what is removed before content selection (tags, roles, class tokens, consent)
- `lines`      whole-line boilerplate patterns (licences, hotlines, copyright, footer links)
- `captions`   image-caption cues and photo-credit patterns
- `thresholds` tuned numbers of the content selector
- `languages`  function words and scripts that confirm a declared language
"""
