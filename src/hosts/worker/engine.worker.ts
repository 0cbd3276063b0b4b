import * as Comlink from 'comlink';
import { createEngineApi } from './engineApi';
import { yieldToHost } from './yieldToHost';

Comlink.expose(createEngineApi(yieldToHost));
