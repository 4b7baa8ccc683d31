// One bundle for both steps (action.yml runs it as main and as post); saved state tells them apart.
import { run } from './main.js'
import { post } from './post.js'
import { isPost } from './state.js'

if (isPost()) await post()
else await run()
