import * as Comlink from 'comlink';
import { createKubeletApi } from './kubeletApi';
import { yieldToHost } from './yieldToHost';

Comlink.expose(createKubeletApi(yieldToHost));
